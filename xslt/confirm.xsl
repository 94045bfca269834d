<?xml version="1.0" encoding="UTF-8"?>
<!-- 核对订单信息: what is bought, for how long, for how much; 提交订单 places
     the order (the price is the server's; idem makes a double submit one order). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('confirm.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="c" select="confirm"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="concat('/products/', $c/@product-id)"/>
      <xsl:with-param name="text1" select="$c/product"/>
      <xsl:with-param name="here" select="m:t('confirm.title')"/>
    </xsl:call-template>
    <xsl:call-template name="steps"><xsl:with-param name="at" select="1"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('confirm.title')"/></h1>
    <section class="checkout">
      <div class="table-scroll">
        <table class="data stack">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="m:t('order.product')"/></th>
              <th scope="col"><xsl:value-of select="m:t('order.vendor')"/></th>
              <th scope="col"><xsl:value-of select="m:t('order.spec')"/></th>
              <th scope="col"><xsl:value-of select="m:t('order.period')"/></th>
              <th scope="col"><xsl:value-of select="m:t('order.delivery')"/></th>
              <th scope="col" class="num"><xsl:value-of select="m:t('order.unit_price')"/></th>
              <th scope="col" class="num"><xsl:value-of select="m:t('order.quantity')"/></th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td class="card-title" data-label="{m:t('order.product')}"><a href="/products/{$c/@product-id}"><xsl:value-of select="$c/product"/></a></td>
              <td data-label="{m:t('order.vendor')}"><xsl:value-of select="$c/vendor"/></td>
              <td data-label="{m:t('order.spec')}"><xsl:value-of select="$c/spec"/></td>
              <td data-label="{m:t('order.period')}"><xsl:call-template name="period"><xsl:with-param name="months" select="$c/@months"/></xsl:call-template></td>
              <td data-label="{m:t('order.delivery')}"><span class="badge badge-{$c/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $c/@delivery))"/></span></td>
              <td class="num" data-label="{m:t('order.unit_price')}"><xsl:call-template name="money"><xsl:with-param name="v" select="$c/unit-price"/></xsl:call-template></td>
              <td class="num" data-label="{m:t('order.quantity')}"><xsl:value-of select="$c/quantity"/></td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted"><xsl:value-of select="m:t(concat('delivery.', $c/@delivery, '.hint'))"/></p>

      <div class="checkout-total">
        <span><xsl:value-of select="m:t('confirm.total')"/></span>
        <xsl:text> </xsl:text>
        <span class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$c/total"/></xsl:call-template></span>
      </div>

      <form action="/orders" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <input type="hidden" name="product" value="{$c/@product-id}"/>
        <input type="hidden" name="spec" value="{$c/@spec-id}"/>
        <input type="hidden" name="period" value="{$c/@months}"/>
        <input type="hidden" name="idem" value="{$c/@idem}"/>
        <ul class="notes">
          <li><xsl:value-of select="m:t('confirm.note_price')"/></li>
          <xsl:if test="string($c/@months) = '0'">
            <li><xsl:value-of select="m:t('period.once.hint')"/></li>
          </xsl:if>
          <li>
            <xsl:variable name="minutes">
              <xsl:choose>
                <xsl:when test="string($c/@pay-minutes)"><xsl:value-of select="$c/@pay-minutes"/></xsl:when>
                <xsl:otherwise>30</xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:value-of select="m:t('confirm.note_timeout', $minutes)"/>
          </li>
        </ul>
        <div class="actions">
          <button type="submit" class="primary"><xsl:value-of select="m:t('confirm.submit')"/></button>
          <a href="/products/{$c/@product-id}?spec={$c/@spec-id}&amp;period={$c/@months}#buy"><xsl:value-of select="m:t('confirm.back')"/></a>
        </div>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
