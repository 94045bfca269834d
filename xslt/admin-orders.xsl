<?xml version="1.0" encoding="UTF-8"?>
<!-- The admin's orders: newest first, filtered by number, buyer, vendor,
     status (partly refunded too) and the day they were placed. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>
  <xsl:import href="_refund.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.orders')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="orders"/>
    <h1><xsl:value-of select="m:t('admin.nav.orders')"/></h1>
    <form class="admin-filters" action="/admin/orders" method="get">
      <label><span><xsl:value-of select="m:t('admin.orders.no')"/></span><input type="text" name="no" maxlength="24" value="{$l/@no}"/></label>
      <label><span><xsl:value-of select="m:t('admin.orders.buyer')"/></span><input type="text" name="buyer" maxlength="254" value="{$l/@buyer}"/></label>
      <label><span><xsl:value-of select="m:t('admin.orders.vendor')"/></span><input type="text" name="vendor" maxlength="64" value="{$l/@vendor}"/></label>
      <label><span><xsl:value-of select="m:t('admin.orders.status')"/></span>
        <select name="status">
          <option value=""><xsl:value-of select="m:t('admin.orders.any')"/></option>
          <xsl:call-template name="status-option"><xsl:with-param name="v" select="'unpaid'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="v" select="'paid'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="v" select="'partly_refunded'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="v" select="'refunded'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="v" select="'cancelled'"/></xsl:call-template>
        </select>
      </label>
      <label><span><xsl:value-of select="m:t('admin.from')"/></span><input type="date" name="from" value="{$l/@from}"/></label>
      <label><span><xsl:value-of select="m:t('admin.to')"/></span><input type="date" name="to" value="{$l/@to}"/></label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="$l/order">
        <div class="table-scroll">
          <table class="data admin-table orders">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.buyer')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.orders.total')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.created')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.paid')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/order">
                <tr>
                  <td><a href="/admin/orders/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td>
                    <xsl:value-of select="product"/>
                    <xsl:if test="@kind = 'renew'"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="m:t('order.kind.renew')"/></span></xsl:if>
                  </td>
                  <td><a href="/admin/buyers/{@buyer-id}"><xsl:value-of select="@buyer"/></a></td>
                  <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="total"/></xsl:call-template></td>
                  <td><xsl:call-template name="order-status"><xsl:with-param name="o" select="."/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@paid"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$l"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.orders.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-option">
    <xsl:param name="v"/>
    <option value="{$v}">
      <xsl:if test="/page/orders/@status = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$v = 'partly_refunded'"><xsl:value-of select="m:t('admin.orders.partly_refunded')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t(concat('order.status.', $v))"/></xsl:otherwise>
      </xsl:choose>
    </option>
  </xsl:template>
</xsl:stylesheet>
