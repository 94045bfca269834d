<?xml version="1.0" encoding="UTF-8"?>
<!-- 我的订单: tabs by status, newest first, a page at a time. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_refund.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('orders.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="orders"/>
    <xsl:variable name="status-q">
      <xsl:if test="string($o/@status)">status=<xsl:value-of select="$o/@status"/></xsl:if>
    </xsl:variable>
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('orders.title')"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('orders.title')"/></h1>
    <nav class="tabs" aria-label="{m:t('orders.filter')}">
      <xsl:call-template name="tab"><xsl:with-param name="s" select="''"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'unpaid'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'paid'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'cancelled'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'refunded'"/></xsl:call-template>
    </nav>

    <xsl:choose>
      <xsl:when test="$o/order">
        <div class="table-scroll">
          <table class="data stack">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('order.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.spec')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.period')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('order.total')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('order.created')"/></th>
                <th scope="col"><xsl:value-of select="m:t('common.actions')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/order">
                <tr>
                  <td class="card-title" data-label="{m:t('order.no')}"><a href="/orders/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td data-label="{m:t('order.product')}">
                    <xsl:value-of select="product"/>
                    <xsl:if test="@kind = 'renew'">
                      <xsl:text> </xsl:text>
                      <span class="badge"><xsl:value-of select="m:t('order.kind.renew')"/></span>
                    </xsl:if>
                  </td>
                  <td data-label="{m:t('order.spec')}"><xsl:value-of select="spec"/></td>
                  <td data-label="{m:t('order.period')}"><xsl:value-of select="m:period(@months)"/></td>
                  <td class="num" data-label="{m:t('order.total')}"><span class="money"><xsl:value-of select="m:money-text(total)"/></span></td>
                  <td data-label="{m:t('order.status')}"><xsl:call-template name="order-status"><xsl:with-param name="o" select="."/></xsl:call-template></td>
                  <td data-label="{m:t('order.created')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  <td class="row-actions" data-label="{m:t('common.actions')}">
                    <xsl:if test="@status = 'unpaid'">
                      <a class="button primary" href="/orders/{@no}/pay"><xsl:value-of select="m:t('order.pay')"/></a>
                      <xsl:text> </xsl:text>
                    </xsl:if>
                    <a class="button" href="/orders/{@no}"><xsl:value-of select="m:t('common.details')"/></a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:when test="string($o/@status)">
        <p class="empty">
          <xsl:value-of select="m:t('orders.empty_filtered')"/>
          <xsl:text> </xsl:text>
          <a href="/orders"><xsl:value-of select="m:t('orders.show_all')"/></a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty">
          <xsl:value-of select="m:t('orders.empty')"/>
          <xsl:text> </xsl:text>
          <a href="/"><xsl:value-of select="m:t('common.browse')"/></a>
        </p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:call-template name="pager">
      <xsl:with-param name="href">
        <xsl:text>/orders?</xsl:text>
        <xsl:if test="string($status-q)"><xsl:value-of select="$status-q"/>&amp;</xsl:if>
      </xsl:with-param>
      <xsl:with-param name="list" select="$o"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tab">
    <xsl:param name="s"/>
    <a>
      <xsl:attribute name="href">
        <xsl:text>/orders</xsl:text>
        <xsl:if test="string($s)">?status=<xsl:value-of select="$s"/></xsl:if>
      </xsl:attribute>
      <xsl:if test="string(/page/orders/@status) = $s">
        <xsl:attribute name="class">current</xsl:attribute>
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="string($s)"><xsl:value-of select="m:t(concat('order.status.', $s))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('common.all')"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>
</xsl:stylesheet>
